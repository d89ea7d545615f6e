// Fake AWS environment so no test can reach a real account (docs/architecture.md "Tests").
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
process.env.AWS_SESSION_TOKEN = 'test-session-token';
process.env.AWS_REGION = 'us-west-1';
process.env.AWS_DEFAULT_REGION = 'us-west-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
// The SDK warns once per process that Node 20 support ends in 2027; Lambda runs nodejs22.x.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
delete process.env.AWS_PROFILE;
delete process.env.AWS_ENDPOINT_URL;
delete process.env.ALERT_TOPIC_ARN;
process.env.POWERTOOLS_DEV = 'false';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.FORCE_COLOR = '0';
