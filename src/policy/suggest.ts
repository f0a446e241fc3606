// "Did you mean" for misspelt policy ids: the project's one suggestion rule.
export { didYouMean as closest } from "../desired-state/did-you-mean.ts";
