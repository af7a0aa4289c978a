import { ParetoView } from '~/components/pareto-view';

export const metadata = { title: 'Pareto view' };

export default async function ParetoPage({ searchParams }: PageProps<'/pareto'>) {
  const { runs, experiment } = await searchParams;
  const ids = (typeof runs === 'string' ? runs : '').split(',').filter(Boolean);
  return <ParetoView ids={ids.length > 0 ? ids : undefined} experimentId={typeof experiment === 'string' ? experiment : undefined} />;
}
