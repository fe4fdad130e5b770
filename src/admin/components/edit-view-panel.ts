import type * as React from 'react';

/**
 * What the Content Manager gives an edit-view side panel and wants back (its
 * `addEditViewSidePanel` API), as far as this project's panels use it. The panel is called as a
 * React component, so it may use hooks; null shows nothing.
 */
export type EditViewPanelProps = { model: string; documentId?: string; document?: { locale?: string } & Record<string, unknown>; activeTab: 'draft' | 'published' | null };
export type EditViewPanel = (props: EditViewPanelProps) => { title: string; content: React.ReactNode } | null;
