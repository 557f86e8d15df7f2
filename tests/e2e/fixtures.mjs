// The `test` every browser test uses: Playwright's, with one automatic
// fixture that watches every page of the test's browser context from its
// first moment to the last, and fails the test on any page error (an
// uncaught exception) or console error at any point, not only while the
// page loads. A test that expects an error to be shown must show it in the
// page, never in the console. Issue 14: every export threw an uncaught
// page error after the test had stopped looking.
import { test as base, expect } from '@playwright/test';

export { expect };

export const test = base.extend({
  // Console errors a test provokes on purpose (a server answering 503 is
  // logged by the browser itself), as patterns; nothing else is excused.
  allowedProblems: [[], { option: true }],
  pageProblems: [
    async ({ context, browser, allowedProblems }, use) => {
      const problems = [];
      const watch = (page) => {
        page.on('pageerror', (err) => problems.push(`pageerror on ${page.url()}: ${err.message}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
        });
      };
      const follow = (ctx) => {
        ctx.pages().forEach(watch);
        ctx.on('page', watch);
      };
      follow(context);
      // Contexts a test makes itself (for permissions, say) are watched too.
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const made = await newContext.apply(browser, args);
        follow(made);
        return made;
      };
      try {
        await use(problems);
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = problems.filter((p) => !allowedProblems.some((re) => re.test(p)));
      expect(unexpected, 'page errors or console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});
