import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { OrganisationsDocument, type OrganisationKind, type OrganisationsQuery, type Role } from '@/gql/graphql';
import { ORGANISATION_KINDS } from '@/i18n/labels';

type OrganisationRow = OrganisationsQuery['organisations']['items'][number];

export interface Representative {
  personId: string;
  name: string;
  title: string | null;
  roles: Role[];
}

export interface OrganisationWithPeople {
  id: string;
  name: string;
  kind: OrganisationKind;
  sector: string | null;
  town: string | null;
  people: Representative[];
}

export interface OrganisationGroup {
  kind: OrganisationKind;
  organisations: OrganisationWithPeople[];
}

/** One line per person, with all their roles (a chair is usually also a member). */
function representatives(organisation: OrganisationRow): Representative[] {
  const byPerson = new Map<string, Representative>();
  // Null only for a viewer who may not read the basin's people, who does not open this page.
  for (const membership of organisation.people ?? []) {
    const existing = byPerson.get(membership.person.id);
    if (existing) {
      if (!existing.roles.includes(membership.role)) existing.roles.push(membership.role);
    } else {
      byPerson.set(membership.person.id, {
        personId: membership.person.id,
        name: membership.person.displayName,
        title: membership.person.title,
        roles: [membership.role],
      });
    }
  }
  return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The basin's organisations grouped by kind (operator first, then partner companies…), each with its people: a
 * page of `limit` (the largest the server gives, so that a basin's organisations show whole in practice).
 */
export function useOrganisations(basinId: Ref<string | null>, limit = 200) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    OrganisationsDocument,
    () => ({ basinId: basinId.value ?? '', offset: offset.value, limit }),
    () => ({ enabled: Boolean(basinId.value), keepPreviousResult: true }),
  );
  const page = computed(() => result.value?.organisations ?? null);
  const groups = computed<OrganisationGroup[]>(() => {
    const organisations = page.value?.items ?? [];
    return ORGANISATION_KINDS.map((kind) => ({
      kind,
      organisations: organisations
        .filter((organisation) => organisation.kind === kind)
        .map((organisation) => ({
          id: organisation.id,
          name: organisation.name,
          kind: organisation.kind,
          sector: organisation.sector,
          town: organisation.town,
          people: representatives(organisation),
        })),
    })).filter((group) => group.organisations.length > 0);
  });
  return {
    groups,
    shown: computed(() => page.value?.items.length ?? 0),
    total: computed(() => page.value?.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}
