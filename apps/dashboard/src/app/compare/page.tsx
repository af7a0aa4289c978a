import { CompareView } from '~/components/compare-view';

export const metadata = { title: 'Compare runs' };

export default async function ComparePage({ searchParams }: PageProps<'/compare'>) {
  const { runs } = await searchParams;
  const ids = (typeof runs === 'string' ? runs : '').split(',').filter(Boolean);
  return <CompareView ids={ids} />;
}
