/**
 * Server routes and shapes beyond sandbox/shared/protocol.ts, asked for by the browser fakes
 * (sandbox/browser/protocolNeeds.md, fakes/conversations/protocolNeeds.md). Candidates to move into the shared
 * protocol; until then both sides import them from here.
 */
import type { ParticipantDto, ReservationDto, WorkerDto } from '../shared/protocol';

/** A TaskRouter activity of the sandbox's workspace. */
export interface ActivityDto {
  readonly sid: string; // WA...
  readonly name: string;
  readonly available: boolean;
}

/** GET /sandbox/internal/worker: the protocol's `{ worker, reservations }` plus the workspace's activities. */
export interface WorkerViewDto {
  readonly worker: WorkerDto;
  readonly reservations: readonly ReservationDto[];
  readonly activities: readonly ActivityDto[];
}

/** Body of POST /sandbox/internal/worker/activity. */
export interface SetActivityRequest {
  readonly activitySid: string;
}

/** Body of POST /sandbox/internal/conversations/:sid/participants/:participantSid/read. */
export interface ReadHorizonRequest {
  /** The newest message index the participant has read; null marks everything unread. */
  readonly lastReadMessageIndex: number | null;
}

/** The additional internal routes. */
export const InternalRouteAdditions = {
  /** POST { activitySid } -> WorkerDto: the worker's new activity (TaskRouter `Activity.setAsCurrent`). */
  workerActivity: '/sandbox/internal/worker/activity',
  /**
   * POST /sandbox/internal/conversations/:sid/participants/:participantSid/read { lastReadMessageIndex } ->
   * ParticipantDto, then a `conversationUpdated` push whose participants carry the new index
   * (Conversations `updateLastReadMessageIndex`). 503 while the agent is disconnected, 403 outside its conversations.
   */
  participantRead: (conversationSid: string, participantSid: string): string =>
    `/sandbox/internal/conversations/${encodeURIComponent(conversationSid)}/participants/${encodeURIComponent(participantSid)}/read`,
} as const;

/** The participant answered by the read-horizon route. */
export type ReadHorizonResponse = ParticipantDto;
