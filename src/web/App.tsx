import { useEffect } from 'react';
import { Route, Routes, useLocation, useNavigationType } from 'react-router';
import { NotFound } from './layout/NotFound';
import { SignedInLayout } from './layout/SignedInLayout';
import { AboutPage } from './routes/about/AboutPage';
import { AccountPage } from './routes/account/AccountPage';
import { AuditPage } from './routes/audit/AuditPage';
import { InvitePage } from './routes/auth/InvitePage';
import { SignInPage } from './routes/auth/SignInPage';
import { ClientPage } from './routes/clients/ClientPage';
import { ClientsPage } from './routes/clients/ClientsPage';
import { NewClientPage } from './routes/clients/NewClientPage';
import { InquiriesPage } from './routes/inquiries/InquiriesPage';
import { InquiryPage } from './routes/inquiries/InquiryPage';
import { MeasureLinkPage } from './routes/measures/MeasureLinkPage';
import { OutboxPage } from './routes/outbox/OutboxPage';
import { OutcomesPage } from './routes/outcomes/OutcomesPage';
import { PeoplePage } from './routes/people/PeoplePage';
import { PortalPage } from './routes/portal/PortalPage';
import { PracticePage } from './routes/practice/PracticePage';
import { ReachOutPage } from './routes/public/ReachOutPage';
import { CalendarPage } from './routes/sessions/CalendarPage';
import { SessionPage } from './routes/sessions/SessionPage';
import { TodayPage } from './routes/sessions/TodayPage';
import { SharedRelationalNotePage } from './routes/supervision/SharedRelationalNotePage';
import { SupervisionPage } from './routes/supervision/SupervisionPage';
import { UnitPage } from './routes/units/UnitPage';
import { AdminOnly, ClientOnly, HomeRedirect, RequireSession, StaffOnly } from './session/RequireSession';

/**
 * A link to another page opens it at its top, as a browser would; a tab or filter change on the same
 * page (its query) keeps the place, and going back leaves the browser's own position alone.
 */
function NewPageAtTop() {
  const { pathname, hash } = useLocation();
  const how = useNavigationType();
  useEffect(() => {
    if (how === 'PUSH' && !hash) window.scrollTo(0, 0);
  }, [pathname, hash, how]);
  return null;
}

/** Every page of the app, by address. */
export function App() {
  return (
    <>
      <NewPageAtTop />
      <Routes>
        {/* Anyone, signed in or not. */}
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route path="/p/:slug" element={<ReachOutPage />} />
        <Route path="/about" element={<AboutPage />} />
        {/* A single-use questionnaire link: the questions only, nothing else of the app. */}
        <Route path="/m/:token" element={<MeasureLinkPage />} />

        {/* Signed in. The session gate keeps pages mounted under the sign-in overlay. */}
        <Route element={<RequireSession />}>
          <Route element={<SignedInLayout />}>
            <Route index element={<HomeRedirect />} />
            <Route path="/account" element={<AccountPage />} />

            <Route element={<StaffOnly />}>
              <Route path="/today" element={<TodayPage />} />
              <Route path="/calendar" element={<CalendarPage />} />
              <Route path="/clients" element={<ClientsPage />} />
              <Route path="/clients/new" element={<NewClientPage />} />
              <Route path="/clients/:clientId" element={<ClientPage />} />
              <Route path="/sessions/:sessionId" element={<SessionPage />} />
              <Route path="/units/:unitId" element={<UnitPage />} />
              <Route path="/inquiries" element={<InquiriesPage />} />
              <Route path="/inquiries/:inquiryId" element={<InquiryPage />} />
              <Route path="/outcomes" element={<OutcomesPage />} />
              <Route path="/practice" element={<PracticePage />} />
              <Route path="/supervision" element={<SupervisionPage />} />
              <Route path="/supervision/relational-notes/:noteId" element={<SharedRelationalNotePage />} />
              <Route element={<AdminOnly />}>
                <Route path="/people" element={<PeoplePage />} />
                <Route path="/outbox" element={<OutboxPage />} />
                <Route path="/audit" element={<AuditPage />} />
              </Route>
            </Route>

            <Route element={<ClientOnly />}>
              <Route path="/portal" element={<PortalPage />} />
            </Route>

            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </>
  );
}
