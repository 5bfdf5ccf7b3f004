import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import { agreedVersion, awaitingFrom, compileMapping } from '../mapping';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import type { ScriptsOnTrial } from '../sync/sync-scripts';
import { mappingSideOf, readMappingWorkflow } from '../sync/visual-mapping-store';
import { lastKnownVocabularies } from '../sync/visual-mapping-values';

/**
 * The scripts a test run tries when the mapping editor asks for the mapping its admin is looking
 * at (the one the editor opens on): this side's draft, compiled as it would run once agreed, else
 * the version this side published that awaits the other side's approval, else the agreed version. Compiled here rather than sent by the console, so a Visual connection never runs
 * scripts that did not come from a mapping (PUT rules stays refused).
 */
export async function draftScriptsOnTrial(context: NodeContext, connection: Connection): Promise<Result<ScriptsOnTrial>> {
  if (connection.mode !== 'visual') {
    return err(
      new ExalateError(
        'invalid_request',
        `This connection is in ${connection.mode === 'basic' ? 'Basic' : 'Script'} mode: it has no mapping draft to try. Leave out "draft" to test-run the scripts it runs.`,
      ),
    );
  }
  const workflow = await readMappingWorkflow(context, connection);
  const side = mappingSideOf(connection);
  const mapping = workflow.draft?.mapping ?? awaitingFrom(workflow, side)?.mapping ?? agreedVersion(workflow).mapping;
  const known = await lastKnownVocabularies(context, connection);
  const compiled = compileMapping(mapping, side, known.vocabularies[side]);
  return ok({ outgoing: compiled.outgoing, incoming: compiled.incoming });
}
