import { currentUser } from '~/server/session';

import { UsersManager } from './users-manager';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await currentUser();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <div className="subtitle">Viewers read; members launch, cancel and edit; admins also manage users.</div>
        </div>
      </div>
      {user?.role === 'admin' ? (
        <UsersManager />
      ) : (
        <div className="card empty" data-testid="users-refused">
          <h2>Managing users needs the admin role; you are a {user?.role ?? 'visitor'}</h2>
        </div>
      )}
    </>
  );
}
