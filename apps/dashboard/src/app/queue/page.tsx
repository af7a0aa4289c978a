import { QueueView } from '~/components/queue-view';

export const metadata = { title: 'Queue' };

export default function QueuePage() {
  return <QueueView />;
}
