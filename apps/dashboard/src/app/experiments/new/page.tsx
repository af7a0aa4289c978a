import { NewExperimentForm } from '~/components/new-experiment-form';

export const metadata = { title: 'New experiment' };

export default function NewExperimentPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>New experiment</h1>
          <div className="subtitle">
            Pick an algorithm from the registry, adjust its hyperparameters, and launch. The spec is validated by the same
            schema the worker uses.
          </div>
        </div>
      </div>
      <NewExperimentForm />
    </>
  );
}
