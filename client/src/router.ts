import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { setUnauthenticatedHandler } from '@/apollo';
import { loadViewer, resetSession } from '@/features/session/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (sign-in, invitation). */
    public?: boolean;
    /** Signed in, but shown without the application's header and navigation (the room display). */
    bare?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/sign-in', name: 'sign-in', component: () => import('@/pages/SignInPage.vue'), meta: { public: true } },
    {
      path: '/invitation/:token',
      name: 'invitation',
      component: () => import('@/pages/InvitationPage.vue'),
      meta: { public: true },
      props: true,
    },
    { path: '/', name: 'home', component: () => import('@/pages/HomePage.vue') },
    { path: '/meetings', name: 'meetings', component: () => import('@/pages/MeetingsPage.vue') },
    { path: '/meetings/new', name: 'meeting-new', component: () => import('@/pages/NewMeetingPage.vue') },
    { path: '/meetings/:id', name: 'meeting', component: () => import('@/pages/MeetingPage.vue'), props: true },
    {
      path: '/meetings/:id/edit',
      name: 'meeting-edit',
      component: () => import('@/pages/EditMeetingPage.vue'),
      props: true,
    },
    {
      path: '/meetings/:id/live',
      name: 'meeting-live',
      component: () => import('@/pages/LiveMeetingPage.vue'),
      props: true,
    },
    {
      path: '/meetings/:id/room',
      name: 'meeting-room',
      component: () => import('@/pages/RoomDisplayPage.vue'),
      props: true,
      meta: { bare: true },
    },
    { path: '/projects', name: 'projects', component: () => import('@/pages/ProjectsPage.vue') },
    { path: '/projects/new', name: 'project-new', component: () => import('@/pages/NewProjectPage.vue') },
    { path: '/projects/:id', name: 'project', component: () => import('@/pages/ProjectPage.vue'), props: true },
    {
      path: '/projects/:id/edit',
      name: 'project-edit',
      component: () => import('@/pages/EditProjectPage.vue'),
      props: true,
    },
    {
      path: '/projects/:id/follow-up',
      name: 'project-follow-up',
      component: () => import('@/pages/ProjectFollowUpPage.vue'),
      props: true,
    },
    { path: '/people', name: 'people', component: () => import('@/pages/PeoplePage.vue') },
    {
      path: '/partners/:organisationId',
      name: 'partner',
      component: () => import('@/pages/PartnerPage.vue'),
      props: true,
    },
    // The dashboard carries the charts (chart.js): its own chunk, loaded when it is opened.
    { path: '/dashboard', name: 'dashboard', component: () => import('@/pages/DashboardPage.vue') },
    { path: '/steering', name: 'steering', component: () => import('@/pages/SteeringPage.vue') },
    { path: '/advances', name: 'advances', component: () => import('@/pages/AdvancesPage.vue') },
    { path: '/advances/:id', name: 'advance', component: () => import('@/pages/AdvancePage.vue'), props: true },
    { path: '/follow-up', name: 'my-follow-ups', component: () => import('@/pages/MyFollowUpsPage.vue') },
    { path: '/import', name: 'import', component: () => import('@/pages/ImportPage.vue') },
    { path: '/network', name: 'network', component: () => import('@/pages/NetworkPage.vue') },
    {
      path: '/administration',
      name: 'administration',
      component: () => import('@/pages/AdministrationPage.vue'),
    },
    { path: '/audit', name: 'audit', component: () => import('@/pages/AuditPage.vue') },
    { path: '/programme', name: 'programme', component: () => import('@/pages/ProgrammePage.vue') },
    { path: '/conventions', name: 'conventions', component: () => import('@/pages/ConventionsPage.vue') },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

/** Only our own paths are accepted as a place to return to after signing in (no open redirect). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

const signInFor = (to: RouteLocationNormalized) =>
  to.fullPath === '/' ? { name: 'sign-in' } : { name: 'sign-in', query: { redirect: to.fullPath } };

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const viewer = await loadViewer();
  return viewer ? true : signInFor(to);
});

// The session ended under our feet (expired, revoked): forget what we knew and sign in again, then come back here.
let redirecting = false;
setUnauthenticatedHandler(() => {
  const current = router.currentRoute.value;
  if (redirecting || current.meta.public) return;
  redirecting = true;
  void router
    .push(signInFor(current))
    .then(() => resetSession())
    .finally(() => {
      redirecting = false;
    });
});
