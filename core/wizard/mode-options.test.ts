import type { LocalInstance } from './wizard-context';
import type { ConnectionMode } from '../connection/connection';
import { supportedModes } from '../node/node-context';
import { notices } from './labels';
import { messages } from './messages';
import { listModeNotices, listModeOptions, localModeRefusal } from './mode-options';

describe('what the local instance itself can run', () => {
  const rows: readonly (readonly [string, LocalInstance, ConnectionMode, string | null])[] = [
    ['Jira Server, public, trial: Script', { tracker: 'jira-server', isPublic: true, licence: 'trial' }, 'script', null],
    ['Jira Server, public, paid: Script', { tracker: 'jira-server', isPublic: true, licence: 'paid' }, 'script', null],
    ['Jira Server, public, expired: no Script', { tracker: 'jira-server', isPublic: true, licence: 'expired' }, 'script', messages.scriptNeedsLicenceExpired],
    [
      'Jira Server, public, no licence of any kind: Script (this open edition needs none)',
      { tracker: 'jira-server', isPublic: true, licence: 'none' },
      'script',
      null,
    ],
    ['Jira Server, public, licence unread: Script (only an expired licence stops it)', { tracker: 'jira-server', isPublic: true }, 'script', null],
    ['Jira Server, private, paid: no Script', { tracker: 'jira-server', isPublic: false, licence: 'paid' }, 'script', messages.scriptNeedsPublicJiraServer],
    ['Jira Server, private, trial: no Script', { tracker: 'jira-server', isPublic: false, licence: 'trial' }, 'script', messages.scriptNeedsPublicJiraServer],
    ['Jira Server, expired: Basic is still fine', { tracker: 'jira-server', isPublic: true, licence: 'expired' }, 'basic', null],
    ['Jira Cloud without licence: Script (the rule is Jira Server only)', { tracker: 'jira-cloud', isPublic: true }, 'script', null],
    ['Azure DevOps, private: Script', { tracker: 'azure-devops', isPublic: false }, 'script', null],
    ['Azure DevOps, private: Visual', { tracker: 'azure-devops', isPublic: false }, 'visual', null],
    ['Jira Server, private: Visual', { tracker: 'jira-server', isPublic: false, licence: 'none' }, 'visual', null],
    ['Asana, public: Visual', { tracker: 'asana', isPublic: true }, 'visual', null],
    ['Jira Server, licence reported as null: Script', { tracker: 'jira-server', isPublic: true, licence: null }, 'script', null],
    [
      'Jira Server, private, no licence: the public instance is still needed',
      { tracker: 'jira-server', isPublic: false, licence: 'none' },
      'script',
      messages.scriptNeedsPublicJiraServer,
    ],
    [
      'this node, private Jira Server: Basic (it needs neither a public instance nor a licence)',
      { tracker: 'jira-server', isPublic: false, modes: supportedModes },
      'basic',
      null,
    ],
    ['this node, public Asana: Visual', { tracker: 'asana', isPublic: true, modes: supportedModes }, 'visual', null],
    ['this node, private Azure DevOps: Visual', { tracker: 'azure-devops', isPublic: false, modes: supportedModes }, 'visual', null],
    [
      'an older node that runs no Visual: no Visual',
      { tracker: 'asana', isPublic: true, modes: ['basic', 'script'] },
      'visual',
      'Visual mode is not available on this instance yet.',
    ],
    [
      'an older node that runs only Script: no Basic',
      { tracker: 'asana', isPublic: true, modes: ['script'] },
      'basic',
      'Basic mode is not available on this instance yet.',
    ],
    ['a node that runs only Script: Script', { tracker: 'asana', isPublic: true, modes: ['script'] }, 'script', null],
    [
      'a node that runs only Script on an expired Jira Server: the licence is the problem',
      { tracker: 'jira-server', isPublic: true, licence: 'expired', modes: ['script'] },
      'script',
      messages.scriptNeedsLicenceExpired,
    ],
  ];
  test.each(rows)('%s', (_name, local, mode, expected) => {
    expect(localModeRefusal(local, mode)).toBe(expected);
  });
});

describe('options and notices together', () => {
  test('the local refusal wins over the destination one, so the admin reads what they can fix', () => {
    const options = listModeOptions({ tracker: 'jira-server', isPublic: true, licence: 'expired' }, { tracker: 'asana', isPublic: true, modes: ['basic'] });
    expect(options).toEqual([
      { mode: 'basic', label: 'Basic', available: true },
      { mode: 'visual', label: 'Visual', available: false, reason: 'The destination instance (Asana) does not offer Visual mode.' },
      { mode: 'script', label: 'Script', available: false, reason: messages.scriptNeedsLicenceExpired },
    ]);
  });

  test('a node that runs only Script offers only Script on a private connection (GET /instance answers modes)', () => {
    expect(listModeOptions({ tracker: 'azure-devops', isPublic: true, modes: ['script'] }, null)).toEqual([
      { mode: 'basic', label: 'Basic', available: false, reason: 'Basic mode is not available on this instance yet.' },
      { mode: 'visual', label: 'Visual', available: false, reason: 'Visual mode is not available on this instance yet.' },
      { mode: 'script', label: 'Script', available: true },
    ]);
  });

  test('this node offers Basic, Visual and Script, on a private connection and on a public one that offers them too', () => {
    const local = { tracker: 'azure-devops', isPublic: true, modes: supportedModes } as const;
    const availability = (destination: Parameters<typeof listModeOptions>[1]) =>
      listModeOptions(local, destination).map((option) => [option.mode, option.available]);
    expect(availability(null)).toEqual([
      ['basic', true],
      ['visual', true],
      ['script', true],
    ]);
    expect(availability({ tracker: 'jira-cloud', isPublic: true, modes: supportedModes })).toEqual([
      ['basic', true],
      ['visual', true],
      ['script', true],
    ]);
    expect(availability({ tracker: 'jira-cloud', isPublic: true, modes: ['basic', 'script'] })).toEqual([
      ['basic', true],
      ['visual', false],
      ['script', true],
    ]);
    expect(availability({ tracker: 'jira-cloud', isPublic: true, modes: ['script'] })).toEqual([
      ['basic', false],
      ['visual', false],
      ['script', true],
    ]);
  });

  test('a private destination needs no list of modes from it', () => {
    expect(listModeOptions({ tracker: 'asana', isPublic: true }, null).map((option) => option.available)).toEqual([true, true, true]);
  });

  test('on Jira Server the mode step says what was checked for the licence and what was found', () => {
    const checked = "Licence: asked Jira's Manage apps about org.exalate.open.jira; it is installed with no licence.";
    const local = { tracker: 'jira-server', isPublic: true, licence: 'none', licenceCheck: checked } as const;
    expect(listModeNotices(local, null, listModeOptions(local, null))).toEqual([
      notices.privateModes,
      notices.jiraServerScriptPrerequisites,
      checked,
      notices.modeIsFinal,
    ]);
    const unread = { tracker: 'jira-server', isPublic: true } as const;
    expect(listModeNotices(unread, null, listModeOptions(unread, null))).toContain(notices.jiraServerLicenceUnread);
  });

  test('notices of a public connection from Jira Cloud', () => {
    const destination = { tracker: 'jira-server', isPublic: true, modes: ['script'] } as const;
    const local = { tracker: 'jira-cloud', isPublic: true } as const;
    expect(listModeNotices(local, destination, listModeOptions(local, destination))).toEqual([notices.suggestedModes, notices.modeIsFinal]);
  });
});
