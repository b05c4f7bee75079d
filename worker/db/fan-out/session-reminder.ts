// The mail of the reminder before a session. (Not built yet: it writes nothing.)
import type { Renderer } from "./index";

export const sessionReminder: Renderer = async () => [];
