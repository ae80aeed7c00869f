/* Sorting and filtering for the site's tables (class "sortable"), with no server.
 *
 * Progressive enhancement: without this script the table reads in full, in the order
 * the page gives. With it, each column header becomes a button that sorts the rows by
 * that column (again to reverse), the header says the order (aria-sort), and a search
 * field above the table shows only the rows containing its text, with a count read out
 * to screen readers. Written for the site: no library, nothing fetched.
 */
(function () {
  "use strict";

  // Ofsted's grades from best to worst, then the answers that are not grades.
  var GRADE_ORDER = [
    "outstanding",
    "good",
    "requires improvement to be good",
    "adequate",
    "inadequate",
    "no overall judgement (not given)",
    "none recorded",
    "did not exist",
  ];

  function cellText(row, column) {
    var cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }

  function sortKey(value) {
    var rank = GRADE_ORDER.indexOf(value.toLowerCase());
    return rank >= 0 ? String(rank).padStart(3, "0") : value;
  }

  function compare(a, b) {
    return sortKey(a).localeCompare(sortKey(b), undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, column, headers) {
    var body = table.tBodies[0];
    var header = headers[column];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(cellText(x, column), cellText(y, column));
      if (order === 0) order = compare(cellText(x, 0), cellText(y, 0));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function addSorting(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    var headers = Array.prototype.slice.call(head.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "site-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      button.title = "Sort by this column (again to reverse)";
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, headers); });
    });
  }

  function addFilter(table, number) {
    var body = table.tBodies[0];
    var wrapper = document.createElement("div");
    wrapper.className = "site-filter";
    var id = "site-filter-" + number;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Show only the rows containing: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var total = body.rows.length;
    status.textContent = total + " rows shown";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    table.parentNode.insertBefore(wrapper, table);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown + " of " + total + " rows shown";
    });
  }

  function enhance() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table, number) {
      if (!table.tBodies.length) return;
      addFilter(table, number);
      addSorting(table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
