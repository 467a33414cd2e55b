/** Element ids of the report, safe for any pipeline or dataset name. */
const slug = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');

export const pipelineAnchor = (pipeline: string) => `pipeline-${slug(pipeline)}`;
export const datasetAnchor = (pipeline: string, dataset: string) => `ds-${slug(pipeline)}-${slug(dataset)}`;
