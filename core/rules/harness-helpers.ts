/**
 * JavaScript evaluated inside the sandbox: the helpers scripts call, with the names Exalate admins
 * know. Each is compiled into a run only when the script names it (compiling is most of a run's
 * cost). They only record what the script asked for: comments shaped by its transform,
 * attachments offered, a transition, a user by email. The host decides the rest after the run
 * (which comments are new or changed, which attachments are linked already).
 */
export interface HarnessHelper {
  /** The name scripts use, and the word that brings the helper into a run. */
  readonly name: string;
  readonly source: string;
  /** A JavaScript expression that makes the helper, with `input`, `plan` and `logs` in scope. */
  readonly create: string;
}

/** commentHelper.withAuthorPrefix, for transforms; compiled in only when a script names it. */
export const withAuthorPrefixHelper: HarnessHelper = {
  name: 'withAuthorPrefix',
  create: 'withAuthorPrefix',
  source: String.raw`
  function withAuthorPrefix(comment) {
    var author = comment && comment.author;
    var prefix = '[' + ((author && (author.displayName || author.email)) || 'Unknown') + ']: ';
    var body = comment.body;
    if (typeof body === 'string') return prefix + body;
    var blocks = body && isArray(body.content) ? body.content : [];
    var first = blocks[0];
    if (first && first.type === 'paragraph' && isArray(first.content)) {
      return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: prefix }].concat(first.content) }].concat(blocks.slice(1)) };
    }
    return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: prefix.trim() }] }].concat(blocks) };
  }
`,
};

/**
 * mergeComments' transform path: it runs the script's transform on a copy of each remote comment.
 * Most scripts pass no transform, so this is kept as text in the harness (cheap to read) and
 * compiled on the first call with a transform. It gets the harness functions it needs as
 * arguments, since eval'd code sees only globals. Returns false for a comment the transform skips.
 */
const shapeCommentsSource = String.raw`(function (parseJson, stringify, isArray, refuse) {
  return function shapeComments(comments, transform) {
    var shaped = [];
    for (var i = 0; isArray(comments) && i < comments.length; i++) {
      var remote = comments[i];
      // echoOf: a copy of one of this side's own comments, come back. It is never merged.
      if (!remote || typeof remote.echoOf === 'string') continue;
      var author = remote.author ? { email: remote.author.email, displayName: remote.author.displayName } : null;
      var comment = { id: remote.id, author: author, body: parseJson(stringify(remote.body)), created: remote.created, updated: remote.updated };
      var returned = transform(comment);
      if (returned === null || returned === false) continue;
      var body = returned === undefined ? comment.body : typeof returned === 'string' || returned.type === 'doc' ? returned : returned.body;
      if (body === undefined) refuse('commentHelper.mergeComments', 'the transform must return the comment, a new body, or null to skip the comment.');
      shaped.push({ id: remote.id, body: body });
    }
    return shaped;
  };
})`;

const commentHelper: HarnessHelper = {
  name: 'commentHelper',
  create: 'commentHelperFor(input, plan)',
  source: String.raw`
  var shapeComments = null;

  function commentHelperFor(input, plan) {
    return {
      // Without a transform the host does it all (echoes, the author prefix, new or changed).
      mergeComments: function (_issue, replica, transform) {
        incomingOnly(input, 'commentHelper.mergeComments');
        if (transform !== undefined && typeof transform !== 'function') refuse('commentHelper.mergeComments', 'the third argument must be a function (comment) => comment.');
        var comments = replica ? replica.comments : null;
        if (transform === undefined) return plan.comments.push({ comments: comments, prefix: true });
        shapeComments = shapeComments || evaluate(${JSON.stringify(shapeCommentsSource)})(parseJson, stringify, isArray, refuse);
        plan.comments.push({ comments: shapeComments(comments, transform), prefix: false });
      },
      withAuthorPrefix: typeof withAuthorPrefix === 'function' ? withAuthorPrefix : undefined,
    };
  }
`,
};

const attachmentHelper: HarnessHelper = {
  name: 'attachmentHelper',
  create: 'attachmentHelperFor(input, plan)',
  source: String.raw`
  function attachmentHelperFor(input, plan) {
    return {
      // The host leaves out echoes and attachments already linked.
      mergeAttachments: function (_issue, replica) {
        incomingOnly(input, 'attachmentHelper.mergeAttachments');
        plan.attachments.push(replica ? replica.attachments : null);
      },
    };
  }
`,
};

const workflowHelper: HarnessHelper = {
  name: 'workflowHelper',
  create: 'workflowHelperFor(input, plan)',
  source: String.raw`
  function workflowHelperFor(input, plan) {
    return {
      transition: function (_issue, name) {
        incomingOnly(input, 'workflowHelper.transition');
        if (typeof name !== 'string' || name.trim() === '') refuse('workflowHelper.transition', 'give the name of the transition, for example "Start Progress".');
        plan.transitions.push(name);
      },
    };
  }
`,
};

/** nodeHelper.stripHtml, compiled in only when a script names it. */
export const stripHtmlHelper: HarnessHelper = {
  name: 'stripHtml',
  create: 'stripHtml',
  source: String.raw`
  // The words of rich text (stripHtml also takes a rich-text value, such as a comment body).
  function plainText(node, separator) {
    if (typeof node === 'string') return node;
    if (!node || typeof node !== 'object') return '';
    if (isArray(node)) {
      var parts = [];
      for (var i = 0; i < node.length; i++) parts.push(plainText(node[i], separator));
      return parts.join(separator);
    }
    if (node.type === 'text' || node.type === 'codeBlock') return String(node.text);
    if (node.type === 'mention') return '@' + node.displayName;
    if (node.type === 'hardBreak') return '\n';
    if (node.type === 'paragraph' || node.type === 'heading') return plainText(node.content, '');
    return plainText(node.content || node.items || node.rows || node.cells, node.type === 'doc' ? '\n\n' : node.cells ? ' | ' : '\n');
  }

  var htmlEntities = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

  function stripHtml(text) {
    if (text === null || text === undefined) return '';
    if (typeof text === 'object') return plainText(text, '\n');
    return String(text)
      .replace(/<\s*br\s*\/?>/gi, '\n')
      .replace(/<\/\s*(p|div|li|h[1-6]|tr|blockquote|pre)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, function (_match, entity) { return htmlEntities[entity]; })
      .replace(/&#(x[0-9a-f]+|\d+);/gi, function (match, code) {
        var point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
        return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : match;
      })
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
`,
};

const nodeHelper: HarnessHelper = {
  name: 'nodeHelper',
  create: 'nodeHelperFor(input, plan)',
  source: String.raw`
  function nodeHelperFor(input, plan) {
    return {
      getUserByEmail: function (email) {
        if (typeof email !== 'string' || email.trim() === '') return null;
        plan.emails.add(email.trim().toLowerCase());
        return { email: email.trim() };
      },
      getIssueType: function (name) {
        var wanted = nameOf(name);
        if (!wanted || input.issueTypes === null) return wanted || null;
        for (var i = 0; i < input.issueTypes.length; i++) if (input.issueTypes[i].toLowerCase() === wanted.toLowerCase()) return input.issueTypes[i];
        return null;
      },
      stripHtml: typeof stripHtml === 'function' ? stripHtml : undefined,
    };
  }
`,
};

const syncHelper: HarnessHelper = {
  name: 'syncHelper',
  create: 'syncHelperFor(input, plan)',
  source: String.raw`
  function syncHelperFor(input, plan) {
    return {
      isUnderSync: function (key) {
        var wanted = typeof key === 'string' ? key : key && typeof key.key === 'string' ? key.key : null;
        return wanted !== null && input.syncedKeys.indexOf(wanted) >= 0;
      },
      getLocalKey: function (remoteKey) {
        for (var i = 0; i < input.twinKeys.length; i++) if (input.twinKeys[i].remoteKey === remoteKey) return input.twinKeys[i].localKey;
        return null;
      },
      unlinkAfterProcessing: function () {
        incomingOnly(input, 'syncHelper.unlinkAfterProcessing');
        plan.unlink = true;
      },
    };
  }
`,
};

const statusHelper: HarnessHelper = {
  name: 'statusHelper',
  create: 'statusHelper',
  source: String.raw`
  var statusHelper = {
    map: function (value, map, fallback) {
      var name = nameOf(value);
      if (name !== null && map && typeof map === 'object') {
        if (Object.prototype.hasOwnProperty.call(map, name)) return nameOf(map[name]);
        for (var key in map) if (key.toLowerCase() === name.toLowerCase()) return nameOf(map[key]);
      }
      return fallback === undefined ? name : nameOf(fallback);
    },
  };
`,
};

const scriptConsole: HarnessHelper = {
  name: 'console',
  create: 'consoleFor(logs)',
  source: String.raw`
  function consoleFor(logs) {
    var record = function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) {
        try {
          parts.push(typeof arguments[i] === 'string' ? arguments[i] : String(stringify(arguments[i])));
        } catch (error) {
          parts.push(String(arguments[i]));
        }
      }
      if (logs.length < 100) logs.push(parts.join(' ').slice(0, 2000));
    };
    return { log: record, info: record, warn: record, error: record, debug: record };
  }
`,
};

/** In the order the script's function takes them (after the item, replica, previous, firstSync, connection). */
export const harnessHelpers: readonly HarnessHelper[] = [commentHelper, attachmentHelper, workflowHelper, nodeHelper, syncHelper, statusHelper, scriptConsole];
