import { TokensManager } from './tokens-manager';

export const metadata = { title: 'API tokens' };

export default function TokensPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>API tokens</h1>
          <div className="subtitle">
            For scripts and CI: send a token as <code>Authorization: Bearer …</code> or pass it to <code>createTradeoffClient</code>{' '}
            and <code>tradeoff launch --token</code>. A token acts with your role.
          </div>
        </div>
      </div>
      <TokensManager />
    </>
  );
}
