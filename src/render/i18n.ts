// Theme strings in the languages the default theme speaks; English for the rest.

export interface Labels {
  readonly home: string;
  readonly archive: string;
  readonly tags: string;
  readonly categories: string;
  readonly tag: string;
  readonly category: string;
  readonly contents: string;
  readonly published: string;
  readonly updated: string;
  readonly minutesRead: string;
  readonly newer: string;
  readonly older: string;
  readonly previousPost: string;
  readonly nextPost: string;
  /** `Page {n} of {total}`. */
  readonly pageOf: string;
  readonly posts: string;
  readonly notFound: string;
  readonly notFoundText: string;
  readonly skipToContent: string;
  readonly feed: string;
  readonly builtWith: string;
  readonly readMore: string;
  readonly events: string;
  readonly event: string;
  readonly speakers: string;
  readonly speaker: string;
  readonly talks: string;
  readonly website: string;
  readonly slides: string;
  readonly video: string;
  readonly notes: string;
  readonly venue: string;
  readonly organizer: string;
  readonly search: string;
  /** `{n}` results. */
  readonly searchResults: string;
  /** No result for `{q}`. */
  readonly searchNoResults: string;
  readonly searchNeedsJs: string;
  readonly searchFailed: string;
}

const EN: Labels = {
  home: 'Home', archive: 'Archive', tags: 'Tags', categories: 'Categories', tag: 'Tag', category: 'Category',
  contents: 'Contents', published: 'Published', updated: 'Updated', minutesRead: 'min read', newer: 'Newer', older: 'Older',
  previousPost: 'Previous post', nextPost: 'Next post', pageOf: 'Page {n} of {total}', posts: 'posts', notFound: 'Page not found',
  notFoundText: 'There is nothing at this address. Try the archive or go back to the home page.', skipToContent: 'Skip to content',
  feed: 'Feed', builtWith: 'Built with', readMore: 'Read more',
  events: 'Events', event: 'Event', speakers: 'Speakers', speaker: 'Speaker', talks: 'talks', website: 'Website',
  slides: 'Slides', video: 'Video', notes: 'Notes', venue: 'Venue', organizer: 'Organizer',
  search: 'Search', searchResults: 'Results: {n}', searchNoResults: 'No posts match “{q}”.',
  searchNeedsJs: 'Search runs in your browser and needs JavaScript.', searchFailed: 'The search index could not be loaded.',
};

const ZH_HANS: Labels = {
  home: '首页', archive: '归档', tags: '标签', categories: '分类', tag: '标签', category: '分类',
  contents: '目录', published: '发布于', updated: '更新于', minutesRead: '分钟阅读', newer: '较新', older: '较早',
  previousPost: '上一篇', nextPost: '下一篇', pageOf: '第 {n} 页，共 {total} 页', posts: '篇文章', notFound: '页面不存在',
  notFoundText: '这个地址没有内容。可以看看归档，或者回到首页。', skipToContent: '跳到正文',
  feed: '订阅', builtWith: '构建工具', readMore: '阅读全文',
  events: '活动', event: '活动', speakers: '讲者', speaker: '讲者', talks: '场演讲', website: '官网',
  slides: '幻灯片', video: '视频', notes: '笔记', venue: '场地', organizer: '主办方',
  search: '搜索', searchResults: '找到 {n} 篇', searchNoResults: '没有找到与“{q}”相关的文章。',
  searchNeedsJs: '搜索在浏览器中运行，需要启用 JavaScript。', searchFailed: '无法加载搜索索引。',
};

const ZH_HANT: Labels = {
  ...ZH_HANS,
  home: '首頁', archive: '歸檔', tags: '標籤', categories: '分類', tag: '標籤', category: '分類', contents: '目錄',
  published: '發佈於', minutesRead: '分鐘閱讀', newer: '較新', older: '較早', previousPost: '上一篇', nextPost: '下一篇',
  pageOf: '第 {n} 頁，共 {total} 頁', posts: '篇文章', notFound: '頁面不存在', notFoundText: '這個地址沒有內容。可以看看歸檔，或者回到首頁。',
  skipToContent: '跳到正文', feed: '訂閱', builtWith: '建置工具', readMore: '閱讀全文',
  events: '活動', event: '活動', speakers: '講者', speaker: '講者', talks: '場演講', website: '官網',
  slides: '投影片', video: '影片', notes: '筆記', venue: '場地', organizer: '主辦方',
  search: '搜尋', searchResults: '找到 {n} 篇', searchNoResults: '沒有找到與「{q}」相關的文章。',
  searchNeedsJs: '搜尋在瀏覽器中執行，需要啟用 JavaScript。', searchFailed: '無法載入搜尋索引。',
};

/** Picks the theme strings for a language tag (`zh-CN`, `zh-TW`, `en-GB`, …). */
export function labelsFor(language: string): Labels {
  const tag = language.toLowerCase();
  if (!tag.startsWith('zh')) return EN;
  return /^zh-(tw|hk|mo|hant)/.test(tag) ? ZH_HANT : ZH_HANS;
}
