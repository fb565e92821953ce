import type {
  MaterialsProductType,
  MaterialsVisualQuality,
  VendorMaterial,
  VendorPhotoMaterial,
} from '../../upstream/materials/model';
import type { SimulatedFile } from '../files';

/** One file of a photo in one quality. Its `url`, like every stored one, may be relative to the simulator. */
export interface PhotoRendition {
  url: string;
  fileSize: number;
  width: number;
  height: number;
}

/** A delivered photo with both renditions: the vendor answers the one `visualQuality` asks for. */
export type StoredPhoto = Omit<VendorPhotoMaterial, 'visualQuality' | keyof PhotoRendition> & {
  renditions: Record<MaterialsVisualQuality, PhotoRendition>;
};
export type StoredMaterial = StoredPhoto | Exclude<VendorMaterial, VendorPhotoMaterial>;

type Deliverables = Map<MaterialsProductType, StoredMaterial[]>;

/** The simulator's orders → assignments → products → materials. */
export class MaterialsStore {
  private readonly assignments = new Map<string, Deliverables>();

  private static key(orderId: string, assignmentId: string): string {
    return `${orderId}/${assignmentId}`;
  }

  hasAssignment(orderId: string, assignmentId: string): boolean {
    return this.assignments.has(MaterialsStore.key(orderId, assignmentId));
  }

  list(orderId: string, assignmentId: string, productType: MaterialsProductType): StoredMaterial[] {
    return this.assignments.get(MaterialsStore.key(orderId, assignmentId))?.get(productType) ?? [];
  }

  add(orderId: string, assignmentId: string, productType: MaterialsProductType, material: StoredMaterial): void {
    const key = MaterialsStore.key(orderId, assignmentId);
    const deliverables = this.assignments.get(key) ?? new Map<MaterialsProductType, StoredMaterial[]>();
    deliverables.set(productType, [...(deliverables.get(productType) ?? []), material]);
    this.assignments.set(key, deliverables);
  }

  /** The delivered file at this path of the simulator's origin, if one is there. */
  fileAt(path: string): SimulatedFile | undefined {
    for (const deliverables of this.assignments.values()) {
      for (const material of [...deliverables.values()].flat()) {
        const files = 'renditions' in material ? Object.values(material.renditions).map((rendition) => ({ ...material, ...rendition })) : [material];
        const file = files.find((candidate) => candidate.url === path);
        if (file && 'fileSize' in file) return { identity: `materials${path}`, size: file.fileSize, contentType: file.contentType };
      }
    }
    return undefined;
  }

  /** The vendor re-delivering a material: its modifiedAt moves to `at`. */
  touch(orderId: string, assignmentId: string, productType: MaterialsProductType, materialId: string, at: Date): void {
    const material = this.list(orderId, assignmentId, productType).find((candidate) => candidate.id === materialId);
    if (!material) throw new Error(`No material ${materialId}`);
    material.modifiedAt = at.toISOString();
  }
}

/** A stored material as the vendor answers it, in the quality asked for, its URL absolute. */
export function present(material: StoredMaterial, quality: MaterialsVisualQuality, origin: string): VendorMaterial {
  const presented: VendorMaterial = 'renditions' in material ? presentPhoto(material, quality) : { ...material };
  presented.url = new URL(presented.url, origin).href;
  return presented;
}

function presentPhoto({ renditions, ...photo }: StoredPhoto, quality: MaterialsVisualQuality): VendorPhotoMaterial {
  return { ...photo, ...renditions[quality], visualQuality: quality };
}
