/** Config loading (docs/contracts.md "Config file"). */
export { loadConfig } from './load-config.js';
export { ALERT_TOPIC_ENV, parseConfig } from './parse-config.js';
