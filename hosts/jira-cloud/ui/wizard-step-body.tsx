import { Label, RequiredAsterisk } from '@atlaskit/form';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { useId } from 'react';
import { wizardLabels, wizardNotices, type ProjectList, type WizardEvent, type WizardState } from '../../console-kit/browser-core';
import { InvitationCodeDetails } from './invitation-code-details';

/** What a step shows besides its fields and buttons: mode options, project picker, code, preview. */
export function WizardStepBody({
  state,
  stepTitle,
  dispatch,
}: {
  readonly state: WizardState;
  readonly stepTitle: string;
  readonly dispatch: (event: WizardEvent) => void;
}) {
  switch (state.step) {
    case 'mode':
      return (
        <Stack space="space.100">
          <RadioGroup
            aria-label={stepTitle}
            // A group-wide isDisabled={false} would enable the unavailable options too.
            {...(state.busy ? { isDisabled: true } : {})}
            value={state.draft.mode}
            options={state.options.map((option) => ({ name: 'mode', value: option.mode, label: option.label, isDisabled: !option.available }))}
            onChange={(event) => dispatch({ type: 'choose_mode', mode: event.currentTarget.value as 'basic' | 'visual' | 'script' })}
          />
          {state.options
            .filter((option) => option.reason !== undefined)
            .map((option) => (
              <Text key={option.mode} as="p" color="color.text.subtlest" size="small">
                {option.label}: {option.reason}
              </Text>
            ))}
        </Stack>
      );
    case 'project':
      return <ProjectSelect projects={state.projects} chosen={state.draft.projectKey} busy={state.busy} prompt={stepTitle} dispatch={dispatch} />;
    case 'invitation':
      return (
        <Stack space="space.100">
          <InvitationCodeDetails codeId="invitation-code" destination={state.destination} expires={state.expires} invitationCode={state.invitationCode} />
          <Box aria-live="polite">{state.copied ? <SectionMessage appearance="success">{wizardNotices.copiedToClipboard}</SectionMessage> : null}</Box>
        </Stack>
      );
    case 'preview':
      return (
        <Stack space="space.100">
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 6, margin: 0 }}>
            {state.summary.map((row) => (
              <div key={row.label} style={{ display: 'contents' }}>
                <dt>
                  <Text weight="medium" color="color.text.subtle">
                    {row.label}
                  </Text>
                </dt>
                <dd style={{ margin: 0 }}>{row.value}</dd>
              </div>
            ))}
          </dl>
          {state.blockedReason === null ? null : <SectionMessage appearance="warning">{state.blockedReason}</SectionMessage>}
        </Stack>
      );
    default:
      return null;
  }
}

function ProjectSelect({
  projects,
  chosen,
  busy,
  prompt,
  dispatch,
}: {
  readonly projects: ProjectList;
  readonly chosen: string | null;
  readonly busy: boolean;
  readonly prompt: string;
  readonly dispatch: (event: WizardEvent) => void;
}) {
  const id = useId();
  if (projects.status === 'empty' || projects.status === 'failed') return <SectionMessage appearance="warning">{projects.message}</SectionMessage>;
  const options =
    projects.status === 'loaded'
      ? projects.projects.map((project) => ({ value: project.key, label: project.key === project.name ? project.name : `${project.name} (${project.key})` }))
      : [];
  return (
    <Box>
      <Label htmlFor={id}>
        {wizardLabels.project}
        <RequiredAsterisk />
      </Label>
      <Select
        inputId={id}
        aria-label={wizardLabels.project}
        options={options}
        value={options.find((option) => option.value === chosen) ?? null}
        isLoading={projects.status === 'loading'}
        loadingMessage={() => wizardLabels.loadingProjects}
        isDisabled={busy || projects.status === 'loading'}
        placeholder={projects.status === 'loading' ? wizardLabels.loadingProjects : prompt}
        onChange={(option) => option && dispatch({ type: 'choose_project', key: option.value })}
      />
    </Box>
  );
}
