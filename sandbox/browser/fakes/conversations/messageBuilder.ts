/**
 * `conversation.prepareMessage()...build().send()`, the way Flex's SendMessage action sends every message:
 * MessageBuilder collects the parts, UnsentMessage hands them to the conversation to send. Builder methods return the
 * builder (Flex both chains them and calls `addMedia` without using the result).
 */
import { cancellable } from './cancellable';
import type { Cancellable } from './cancellable';
import type { ContentTemplateVariable } from './contentTemplate';
import type { ConversationLimits, JSONValue, RealUnsentMessage, SendEmailOptions, SendMediaOptions } from './realTypes';

type MediaPart = RealUnsentMessage['mediaContent'][number];

/** Sends a built message; resolves with the new message's index. Supplied by the conversation. */
export type UnsentMessageSender = (message: UnsentMessage) => Promise<number | null>;

export class UnsentMessage
  implements Pick<RealUnsentMessage, 'text' | 'attributes' | 'mediaContent' | 'emailOptions' | 'contentSid'>
{
  text?: string;
  attributes: JSONValue = {};
  mediaContent: MediaPart[] = [];
  emailOptions: SendEmailOptions = {};
  contentSid?: string;
  contentVariables?: ContentTemplateVariable[];

  constructor(private readonly sender: UnsentMessageSender) {}

  /** Sends the message; resolves with its index. It appears in the conversation only through `messageAdded`. */
  send(): Cancellable<number | null> {
    return cancellable(this.sender(this));
  }
}

export class MessageBuilder {
  private readonly message: UnsentMessage;

  constructor(
    private readonly limits: ConversationLimits,
    sender: UnsentMessageSender,
  ) {
    this.message = new UnsentMessage(sender);
  }

  setBody(text: string): MessageBuilder {
    this.message.text = text;
    return this;
  }

  setSubject(subject: string): MessageBuilder {
    this.message.emailOptions = { ...this.message.emailOptions, subject };
    return this;
  }

  setAttributes(attributes: JSONValue): MessageBuilder {
    this.message.attributes = attributes;
    return this;
  }

  /** Refused like the real builder does for a content type the service does not allow; sending it is unsupported. */
  setEmailBody(contentType: string, body: FormData | SendMediaOptions): MessageBuilder {
    this.requireAllowed(contentType, this.limits.emailBodiesAllowedContentTypes, 'email body');
    this.message.mediaContent.push(['body', body]);
    return this;
  }

  setEmailHistory(contentType: string, history: FormData | SendMediaOptions): MessageBuilder {
    this.requireAllowed(contentType, this.limits.emailHistoriesAllowedContentTypes, 'email history');
    this.message.mediaContent.push(['history', history]);
    return this;
  }

  setContentTemplate(contentSid: string, contentVariables: ContentTemplateVariable[] = []): MessageBuilder {
    this.message.contentSid = contentSid;
    this.message.contentVariables = contentVariables;
    return this;
  }

  addMedia(payload: FormData | SendMediaOptions): MessageBuilder {
    this.message.mediaContent.push(['media', payload]);
    return this;
  }

  build(): UnsentMessage {
    return this.message;
  }

  buildAndSend(): Cancellable<number | null> {
    return this.build().send();
  }

  private requireAllowed(contentType: string, allowed: readonly string[], what: string): void {
    if (!allowed.includes(contentType)) throw new Error(`Unsupported content type for ${what}: ${contentType}`);
  }
}
