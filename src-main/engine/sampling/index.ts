/** HELM's instance ids, eval-instance sampling and in-context example sampling. */
export { withInstanceIds } from './instance-ids';
export { selectEvalInstances } from './eval-instances';
export { sampleTrainExamples } from './train-examples';
