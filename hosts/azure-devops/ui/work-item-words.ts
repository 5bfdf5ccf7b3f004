import { itemSurfaceWords } from '../../console-kit/item-surface-words';
import { scopeWord } from './hub-words';

/** The item surface's words as Azure DevOps names its items (work item). */
export const workItemWords = itemSurfaceWords('azure-devops');

/**
 * Why a work item's Exalate surfaces cannot reach the node yet: the node URL is each user's own
 * (see chooseNodeUrl), so a user who never opened the hub is asked to confirm the organization's.
 */
export const nodeMissingWords = {
  loading: 'Loading Exalate',
  missing: (isServer: boolean) =>
    `Exalate does not know this ${scopeWord(isServer)}'s node for you yet. An administrator sets it in ${isServer ? 'Collection' : 'Organization'} settings → Extensions → Exalate.`,
  suggestion: (url: string, isServer: boolean) =>
    `Someone of this ${scopeWord(isServer)} saved ${url} as the Exalate node. Any member can change that copy, and your Azure DevOps app token goes to the node you use, so use it only if it is your ${scopeWord(isServer)}'s own.`,
  useSuggestion: (url: string) => `Use ${url}`,
  failure: (message: string) => `The node URL could not be read from the extension's settings: ${message}`,
} as const;
