// The mail of the reminder of unused quota before the quota deadline. (Not built yet: it writes nothing.)
import type { Renderer } from "./index";

export const quotaReminder: Renderer = async () => [];
