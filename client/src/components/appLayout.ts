/** The signed-in layout's chunk: App.vue renders it, main.ts starts fetching it at once, beside the sign-in check. */
export const appLayout = () => import('./AppLayout.vue');
