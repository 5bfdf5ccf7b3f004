import { Label, RequiredAsterisk } from '@atlaskit/form';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { useId } from 'react';
import { wizardLabels, wizardModeExplanations, wizardNotices } from '../../console-kit/browser-core';
import { projectChoiceOf, type ProjectChoice, type WizardStepProps } from '../../console-kit/wizard-project-choice';
import { InvitationCodeDetails } from './invitation-code-details';

/** What a step shows besides its fields and buttons: mode options, project picker, code, preview. */
export function WizardStepBody({ state, stepTitle, dispatch }: WizardStepProps) {
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
          {/* What each mode means, and why one is not offered, in one line per mode under the group. */}
          {state.options.map((option) => (
            <Text key={option.mode} as="p" color="color.text.subtle" size="small">
              <Text weight="medium" size="small">
                {option.label}:
              </Text>{' '}
              {wizardModeExplanations[option.mode]}
              {option.reason === undefined ? null : ` ${option.reason}`}
            </Text>
          ))}
        </Stack>
      );
    case 'project':
      return <ProjectSelect choice={projectChoiceOf({ state, stepTitle, dispatch })} />;
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

function ProjectSelect({ choice }: { readonly choice: ProjectChoice }) {
  const id = useId();
  if (choice.problem !== null) return <SectionMessage appearance="warning">{choice.problem}</SectionMessage>;
  const options = choice.options.map((option) => ({ value: option.key, label: option.label }));
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
        value={options.find((option) => option.value === choice.chosen) ?? null}
        isLoading={choice.loading}
        loadingMessage={() => wizardLabels.loadingProjects}
        isDisabled={choice.disabled}
        placeholder={choice.placeholder}
        onChange={(option) => option && choice.choose(option.value)}
      />
    </Box>
  );
}
