// Bootstrap trimmed to the rules BackCare's pages use: `make css` reads the vendored
// bootstrap.min.css and writes static/css/bootstrap-site.min.css, which base.html loads.
// Run it again after adding a Bootstrap class to a template, a script or Python code
// (tests/test_css_classes.py fails until then). CRISPY_TEMPLATES is the folder of
// crispy-bootstrap5, whose form templates carry classes too; the Makefile sets it.
const crispy = process.env.CRISPY_TEMPLATES;
if (!crispy) {
  throw new Error("Set CRISPY_TEMPLATES to crispy_bootstrap5's folder (make css does).");
}

module.exports = {
  css: ["static/vendor/bootstrap/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "static/js/**/*.js",
    "static/journal/**/*.js",
    "{accounts,backcare,guidance,journal,ops}/**/*.py",
    // The templates `|crispy` draws a form with; not its layout objects (tabs, modals).
    `${crispy}/templates/bootstrap5/{uni_form,errors,field}.html`,
    `${crispy}/templates/bootstrap5/layout/{attrs,field_errors,field_errors_block,field_file,help_text,help_text_and_errors,radio_checkbox_select}.html`,
  ],
  output: "static/css/bootstrap-site.min.css",
  keyframes: true,
  safelist: {
    standard: [
      // Added by Bootstrap's own script: an open menu, a collapse on its way.
      "show",
      "collapsing",
      // Built from a value: alert-{{ message.level_tag }}, alert-{{ urgency.style }}.
      /^alert-(primary|secondary|success|info|warning|danger|light|dark)$/,
      /^text-bg-(primary|secondary|success|info|warning|danger|light|dark)$/,
      // Elements Bootstrap's reboot styles that guidance articles may hold.
      "blockquote", "abbr", "sup", "sub", "kbd", "code", "pre", "mark", "figure", "hr",
      "table", "caption", "thead", "tbody", "th", "td", "tr", "ol", "ul", "li", "dl",
      "dt", "dd", "img", "svg", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em",
      "small",
    ],
    // The open menu's position, set by Bootstrap's dropdown script.
    greedy: [/data-bs-popper/],
  },
};
