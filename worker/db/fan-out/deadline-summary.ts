// The mail of the organisers' summary of the redistribution at the quota deadline. (Not built yet: it writes nothing.)
import type { Renderer } from "./index";

export const deadlineSummary: Renderer = async () => [];
