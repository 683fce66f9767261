/** Tells the time; services take one so that a test can set the time rather than wait for it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
