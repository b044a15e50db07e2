import { computed, ref, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  AdminMembersDocument,
  AdminOrganisationsDocument,
  AdminSmesDocument,
  BasinSettingsDocument,
  ChairTermsDocument,
  CreateBasinDocument,
  CreateOrganisationDocument,
  GrantRoleDocument,
  HandOverChairDocument,
  InviteOperatorDocument,
  LinkSmeLeaderDocument,
  RevokeRoleDocument,
  SetOrganisationArchivedDocument,
  SetPersonCivilityDocument,
  TransferPersonDocument,
  UpdateBasinSettingsDocument,
  UpdateOrganisationDocument,
  UpdateSmeDocument,
  type BasinSettingsInput,
  type ChairOffice,
  type Civility,
  type CreateBasinInput,
  type GrantRoleInput,
  type InviteOperatorInput,
  type OrganisationInput,
  type RevokeRoleInput,
  type SmeInput,
  type SmeLeaderInput,
  type TransferPersonInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

const enabled = (basinId: Ref<string | null>) => () => ({ enabled: Boolean(basinId.value) });
const vars = (basinId: Ref<string | null>) => () => ({ basinId: basinId.value ?? '' });

/** National head: create a basin (it joins the basin switcher) and invite its operator (a one-time link). */
export function useBasinCreation() {
  const create = useMutation(CreateBasinDocument, { refetchQueries: ['Basins'] });
  const invite = useMutation(InviteOperatorDocument, { refetchQueries: ['Members', 'AdminMembers'] });
  const creating = useAction();
  const inviting = useAction();
  const created = ref<string | null>(null);
  const link = ref<string | null>(null);
  return {
    creating,
    inviting,
    created,
    link,
    createBasin: (input: CreateBasinInput) =>
      creating.run(async () => {
        const result = await create.mutate({ input });
        created.value = result?.data?.createBasin.name ?? null;
      }),
    inviteOperator: (input: InviteOperatorInput) => {
      link.value = null;
      return inviting.run(async () => {
        const result = await invite.mutate({ input });
        link.value = result?.data?.inviteOperator.link ?? null;
      });
    },
  };
}

/** The basin's rules and the log of their changes. */
export function useBasinSettings(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(BasinSettingsDocument, vars(basinId), enabled(basinId));
  const update = useMutation(UpdateBasinSettingsDocument, { refetchQueries: ['BasinSettings', 'Basins'] });
  const saving = useAction();
  return {
    settings: computed(() => result.value?.basin ?? null),
    changes: computed(() => result.value?.basinSettingChanges.items ?? []),
    loading,
    error,
    refetch,
    saving,
    save: (input: BasinSettingsInput) =>
      saving.run(() => update.mutate({ basinId: basinId.value ?? '', input }, { awaitRefetchQueries: true })),
  };
}

/** Every organisation of the basin, archived ones included, with add, edit, archive and unarchive. */
export function useOrganisationAdministration(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(AdminOrganisationsDocument, vars(basinId), enabled(basinId));
  const refetchQueries = ['AdminOrganisations', 'Organisations'];
  const create = useMutation(CreateOrganisationDocument, { refetchQueries });
  const update = useMutation(UpdateOrganisationDocument, { refetchQueries });
  const archive = useMutation(SetOrganisationArchivedDocument, { refetchQueries });
  const action = useAction();
  return {
    organisations: computed(() => result.value?.organisations.items ?? []),
    loading,
    error,
    refetch,
    action,
    save: (id: string | null, input: OrganisationInput) =>
      action.run(() =>
        id
          ? update.mutate({ id, input }, { awaitRefetchQueries: true })
          : create.mutate({ basinId: basinId.value ?? '', input }, { awaitRefetchQueries: true }),
      ),
    setArchived: (id: string, archived: boolean) =>
      action.run(() => archive.mutate({ id, archived }, { awaitRefetchQueries: true })),
  };
}

/** The basin's roles: grant, revoke, transfer a person, hand over the chair; and the chair's terms. */
export function useRoleAdministration(basinId: Ref<string | null>) {
  const members = useQuery(AdminMembersDocument, vars(basinId), enabled(basinId));
  const terms = useQuery(ChairTermsDocument, vars(basinId), enabled(basinId));
  const refetchQueries = ['AdminMembers', 'Members', 'Organisations', 'ChairTerms', 'Basins'];
  const grant = useMutation(GrantRoleDocument, { refetchQueries });
  const revoke = useMutation(RevokeRoleDocument, { refetchQueries });
  const transfer = useMutation(TransferPersonDocument, { refetchQueries });
  const handOver = useMutation(HandOverChairDocument, { refetchQueries });
  const civility = useMutation(SetPersonCivilityDocument, { refetchQueries: ['AdminMembers'] });
  const action = useAction();
  const chairAction = useAction();
  const basin = () => basinId.value ?? '';
  return {
    memberships: computed(() => members.result.value?.members.items ?? []),
    terms: computed(() => terms.result.value?.chairTerms ?? []),
    loading: members.loading,
    error: members.error,
    refetch: members.refetch,
    action,
    chairAction,
    grant: (input: Omit<GrantRoleInput, 'basinId'>) =>
      action.run(() => grant.mutate({ input: { ...input, basinId: basin() } }, { awaitRefetchQueries: true })),
    revoke: (input: Omit<RevokeRoleInput, 'basinId'>) =>
      action.run(() => revoke.mutate({ input: { ...input, basinId: basin() } }, { awaitRefetchQueries: true })),
    transfer: (input: Omit<TransferPersonInput, 'basinId'>) =>
      action.run(() => transfer.mutate({ input: { ...input, basinId: basin() } }, { awaitRefetchQueries: true })),
    setCivility: (personId: string, value: Civility | null) =>
      action.run(() =>
        civility.mutate({ input: { basinId: basin(), personId, civility: value } }, { awaitRefetchQueries: true }),
      ),
    handOver: (toPersonId: string, office: ChairOffice) =>
      chairAction.run(() =>
        handOver.mutate({ input: { basinId: basin(), toPersonId, office } }, { awaitRefetchQueries: true }),
      ),
  };
}

/** The basin's SMEs: edit one, link its leader's account. */
export function useSmeAdministration(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(AdminSmesDocument, vars(basinId), enabled(basinId));
  const update = useMutation(UpdateSmeDocument, { refetchQueries: ['AdminSmes'] });
  const link = useMutation(LinkSmeLeaderDocument, { refetchQueries: ['AdminSmes', 'AdminMembers', 'Members'] });
  const saving = useAction();
  const linking = useAction();
  const invitation = ref<string | null>(null);
  return {
    smes: computed(() => result.value?.smes.items ?? []),
    loading,
    error,
    refetch,
    saving,
    linking,
    invitation,
    save: (id: string, input: SmeInput) =>
      saving.run(() => update.mutate({ id, input }, { awaitRefetchQueries: true })),
    linkLeader: (smeId: string, input: SmeLeaderInput) => {
      invitation.value = null;
      return linking.run(async () => {
        const done = await link.mutate({ smeId, input }, { awaitRefetchQueries: true });
        invitation.value = done?.data?.linkSmeLeader.link ?? null;
      });
    },
  };
}

/** The people of the basin, each once, by name (for the pickers). */
export function useBasinPeople(basinId: Ref<string | null>) {
  const { result } = useQuery(AdminMembersDocument, vars(basinId), enabled(basinId));
  return computed(() => {
    const byId = new Map<string, string>();
    for (const m of result.value?.members.items ?? []) byId.set(m.person.id, m.person.displayName);
    return [...byId].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name));
  });
}
