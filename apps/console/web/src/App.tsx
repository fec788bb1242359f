import { Navigate, Route, Routes } from 'react-router';
import { homeOf, Layout } from './components/Layout';
import { ScreeningDesk } from './desks/checkpoint/ScreeningDesk';
import { AlertFeed } from './desks/ministry/AlertFeed';
import { CaseView } from './desks/ministry/CaseView';
import { Companies } from './desks/ministry/Companies';
import { Dashboard } from './desks/ministry/Dashboard';
import { Dispatches } from './desks/ministry/Dispatches';
import { PatrolFindings } from './desks/ministry/PatrolFindings';
import { Referrals } from './desks/ministry/Referrals';
import { Watchlist } from './desks/ministry/Watchlist';
import { ArrestForm } from './desks/polda/ArrestForm';
import { InterceptionForm } from './desks/polda/InterceptionForm';
import { Leads } from './desks/polda/Leads';
import { MatchesInbox } from './desks/polda/MatchesInbox';
import { Records } from './desks/polda/Records';
import { useSession } from './session/session';
import { SignIn } from './session/SignIn';
import type { Session } from './session/session-storage';

/** A desk's pages, only for the unit kind they belong to; anyone else goes to their own desk. */
function Desk({ kind }: { kind: Session['kind'] }) {
  const { session } = useSession();
  if (!session) return <Navigate to="/" replace />;
  if (session.kind !== kind) return <Navigate to={homeOf(session.kind)} replace />;
  return <Layout />;
}

export function App() {
  const { session } = useSession();
  return (
    <Routes>
      <Route path="/" element={session ? <Navigate to={homeOf(session.kind)} replace /> : <SignIn />} />
      <Route path="/ministry" element={<Desk kind="ministry" />}>
        <Route path="alerts" element={<AlertFeed />} />
        <Route path="cases/:caseId" element={<CaseView />} />
        <Route path="watchlist" element={<Watchlist />} />
        <Route path="companies" element={<Companies />} />
        <Route path="dashboard" element={<Dashboard />} />
        <Route path="patrol" element={<PatrolFindings />} />
        <Route path="dispatches" element={<Dispatches />} />
        <Route path="referrals" element={<Referrals />} />
      </Route>
      <Route path="/checkpoint" element={<Desk kind="checkpoint" />}>
        <Route path="screen" element={<ScreeningDesk />} />
      </Route>
      <Route path="/polda" element={<Desk kind="polda" />}>
        <Route path="arrest" element={<ArrestForm />} />
        <Route path="interception" element={<InterceptionForm />} />
        <Route path="records" element={<Records />} />
        <Route path="matches" element={<MatchesInbox />} />
        <Route path="leads" element={<Leads />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
