import { ExperimentView } from '~/components/experiment-view';

export const metadata = { title: 'Experiment' };

export default async function ExperimentPage({ params }: PageProps<'/experiments/[id]'>) {
  const { id } = await params;
  return <ExperimentView id={id} />;
}
