import type { DownloadConfigurationInput, DownloadOrderCreateInput } from '../../generated/resolvers';
import type { CreateDownloadOrderRequest, DownloadConfiguration } from '../../upstream/contentHub/model';

/** The typed GraphQL input as Content Hub's order request. */
export function toCreateRequest(input: DownloadOrderCreateInput): CreateDownloadOrderRequest {
  const byId = <T>(entries: T[] | null | undefined, id: (entry: T) => string, download: (entry: T) => DownloadConfigurationInput) =>
    entries?.length ? Object.fromEntries(entries.map((entry) => [id(entry), toConfiguration(download(entry))])) : undefined;
  return {
    order: {
      zip_filename: input.zipFileName ?? undefined,
      global: byId(input.mediaGroups, (group) => group.mediaGroupId, (group) => group.download),
      individual: byId(input.assets, (asset) => asset.assetId, (asset) => asset.download),
    },
    target_selection: input.targetSelection
      ? {
          selectionPool: input.targetSelection.selectionPool,
          subPoolId: input.targetSelection.subPoolId ?? undefined,
          definitionName: input.targetSelection.definitionName ?? undefined,
        }
      : undefined,
    item_name_resolver_id: input.itemNameResolverId ?? undefined,
    culture: input.culture ?? undefined,
    name: input.name ?? undefined,
    download_order_type: input.type === 'CUSTOM' ? 'Custom' : 'Standard',
  };
}

function toConfiguration(download: DownloadConfigurationInput): DownloadConfiguration {
  return {
    renditions: download.renditions ?? undefined,
    conversions: download.conversions?.map((steps) => steps.map((step) => ({ type: step.type, value: step.value ?? null }))),
    presets: download.presets ?? undefined,
    user_rendition_configuration: download.userRendition
      ? {
          label: download.userRendition.label ?? undefined,
          culture: download.userRendition.culture ?? undefined,
          description: download.userRendition.description ?? undefined,
        }
      : undefined,
  };
}
