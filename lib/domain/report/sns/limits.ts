/**
 * Amazon SNS and Amazon Q Developer (chat applications) limits the alert messages are held to (docs/domain.md section 5).
 */
export const SNS_LIMITS = {
  /** Publish: message plus message attributes, in UTF-8 bytes (256 KiB). */
  messageBytes: 262_144,
  /** Publish: Subject, in characters (ASCII printable, no line breaks). */
  subjectChars: 100,
} as const;

/**
 * Conservative sizes for an Amazon Q Developer custom notification: Slack and Teams cut long cards, so the
 * description stays short and points to the e-mail / report JSON for the rest.
 */
export const CHATBOT_LIMITS = {
  titleChars: 250,
  descriptionChars: 3_500,
} as const;
