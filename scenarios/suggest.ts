/** "Did you mean …?" lives in engine/ (the command service and the engine use it too). */
export { closest, didYouMean } from '../engine/suggest.ts';
