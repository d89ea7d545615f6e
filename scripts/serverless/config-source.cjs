// Resolves the functions' config source at `serverless package` / `deploy` time (serverless.yml CONFIG_FILE):
// with an SSM parameter (configParameter) nothing is bundled; otherwise the bundled file (configFile) must exist,
// or packaging stops here with one line saying what to do, instead of deploying functions that have no config.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { resolve } = require('node:path');

module.exports = async ({ resolveVariable }) => {
  const parameter = String(await resolveVariable('param:configParameter'));
  const file = String(await resolveVariable('param:configFile'));
  if (parameter !== 'none' && parameter.trim() !== '') {
    if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(parameter)) {
      throw new Error(`configParameter must be an SSM parameter path like /kube-aws-audit/config, got ${JSON.stringify(parameter)}`);
    }
    return { configFile: file, source: `ssm:${parameter}` };
  }
  const path = resolve(process.cwd(), file);
  if (!existsSync(path) || !statSync(path).isFile() || statSync(path).size === 0) {
    throw new Error(
      `no audit config to bundle: ${file} does not exist or is empty. Create it, or pass --param="configFile=PATH" ` +
        '(e.g. fixtures/demo/config.yaml for a demo package), or keep the config in SSM with --param="configParameter=/NAME"',
    );
  }
  return { configFile: file, source: `file:${file}` };
};
