/**
 * esbuild plugins of the Lambda bundle (serverless.yml `custom.esbuild.plugins`; also used by bench/bundle.ts).
 *
 * `aws-sdk-schema-keys`: the AWS SDK v3 clients describe every shape of their service in one generated module
 * (`dist-es/schemas/schemas_0.js`; 1.3 MB for EC2). Its shapes carry trait objects written with computed keys,
 * `{ [_xN]: _TSa }`, where `_xN` is a module constant (`const _xN = "xmlName"`). esbuild cannot prove a computed key
 * free of side effects, so it keeps every shape of the module, used or not: EC2Client alone bundles to 850 KB.
 * Replacing each computed key whose name is a string constant of the same module by that string literal changes
 * nothing at run time (the key is the same string) and lets esbuild drop the shapes no imported command reaches
 * (EC2Client with the four Describe commands: 330 KB). Keys that are not such constants are left alone.
 */
'use strict';
const { readFile } = require('node:fs/promises');

const SCHEMA_MODULE = /@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** Rewrites `[_name]:` to `"value":` for the module's `const _name = "value";` string constants. */
function inlineSchemaKeys(text) {
  const constants = new Map();
  for (const m of text.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) constants.set(m[1], m[2]);
  return text.replace(/\[(_\w+)\]:/g, (all, name) => (constants.has(name) ? `${constants.get(name)}:` : all));
}

const awsSdkSchemaKeys = {
  name: 'aws-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_MODULE }, async (args) => ({ contents: inlineSchemaKeys(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};

module.exports = [awsSdkSchemaKeys];
module.exports.inlineSchemaKeys = inlineSchemaKeys;
