// The mail of the anonymous feedback form, to each person present. (Not built yet: it writes nothing.)
import type { Renderer } from "./index";

export const feedbackInvitation: Renderer = async () => [];
