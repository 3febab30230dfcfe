import { describe, expect, it } from 'vitest';
import { formatCatalogueSize } from './format';

describe('formatCatalogueSize', () => {
  it('prefers the catalogue figure, then the size the server announced, then says when it will be known', () => {
    expect(formatCatalogueSize(2_000_000, null)).toBe('about 2.0 MB');
    expect(formatCatalogueSize(2_000_000, 3_500_000)).toBe('about 2.0 MB');
    expect(formatCatalogueSize(null, 3_500_000)).toBe('3.5 MB');
    expect(formatCatalogueSize(null, null)).toBe('size unknown until the download starts');
  });
});
