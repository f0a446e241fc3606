// "Did you mean" for field and function names: the project's one suggestion rule.
export { didYouMean as closest, editDistance } from "../../../desired-state/did-you-mean.ts";
