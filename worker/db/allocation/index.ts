// The one writer of registrations (see shared.ts); its public face, so that callers import
// "db/allocation" whichever file of the folder a function lives in.

export {
  acceptOffer,
  cancelEvent,
  cancelRegistration,
  moveRegistration,
  overrideConfirm,
  type PersonInput,
  swapRegistration,
} from "./changes";
export { setRemindersOff } from "./personal-data";
export {
  type RegistrationRequest,
  register,
  registerWalkIn,
  type WalkInOutcome,
  type WalkInRequest,
} from "./register";
export { fillFreePlaces, runAllocationJobs, runRedistribution, settleDueEvents, settleEvent } from "./settle";
export { personalLink, type RunContext } from "./shared";
