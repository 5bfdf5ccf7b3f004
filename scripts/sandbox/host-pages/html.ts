/** Text for an HTML page or attribute: the five characters that could end a string or open a tag. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A small menu button for the host pages (Jira's Settings menu): opens on click, Enter, Space or
 * ArrowDown and moves focus into the menu; Escape closes it and gives focus back.
 */
export const menuButtonScript = `<script>
for (const button of document.querySelectorAll('[data-menu-button]')) {
  const menu = document.getElementById(button.getAttribute('aria-controls'));
  const items = () => [...menu.querySelectorAll('[role=menuitem]')];
  const show = (open) => { menu.hidden = !open; button.setAttribute('aria-expanded', String(open)); if (open) items()[0]?.focus(); };
  button.addEventListener('click', () => show(menu.hidden));
  button.addEventListener('keydown', (event) => { if (event.key === 'ArrowDown') { event.preventDefault(); show(true); } });
  menu.addEventListener('keydown', (event) => {
    const list = items();
    const at = list.indexOf(document.activeElement);
    if (event.key === 'Escape') { show(false); button.focus(); }
    if (event.key === 'ArrowDown') { event.preventDefault(); list[(at + 1) % list.length]?.focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); list[(at - 1 + list.length) % list.length]?.focus(); }
  });
}
</script>`;
