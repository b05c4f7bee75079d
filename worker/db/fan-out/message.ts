// The mail of an organiser's or a contact's message, with its placeholders filled per recipient. (Not built yet: it writes nothing.)
import type { Renderer } from "./index";

export const eventMessage: Renderer = async () => [];
