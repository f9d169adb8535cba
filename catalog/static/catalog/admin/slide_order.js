/* The slides of a slideshow's change page, reordered by dragging.
 *
 * Each slide row gets a handle; dragging a row by it moves the row, and on
 * the drop every slide's position input is numbered 1..n in the order shown.
 * Saving the page then moves the slides as typed positions would, with the
 * same checks (a reorder by someone else since the page was opened is
 * refused). Without this script the position inputs still work.
 */
"use strict";
(function () {
    function slideRows(tbody) {
        return Array.from(tbody.querySelectorAll("tr.form-row.has_original"));
    }

    function renumber(tbody) {
        slideRows(tbody).forEach(function (row, index) {
            const input = row.querySelector("input[name$='-new_position']");
            if (input) {
                input.value = String(index + 1);
            }
        });
    }

    function setUp(group) {
        const tbody = group.querySelector("tbody");
        if (!tbody) {
            return;
        }
        let dragged = null;
        group.classList.add("catalog-sortable");
        slideRows(tbody).forEach(function (row) {
            const handle = row.querySelector(".catalog-drag-handle");
            if (!handle) {
                return;
            }
            handle.hidden = false;
            // Only the handle is draggable, so text in the caption can still be selected.
            handle.draggable = true;
            handle.addEventListener("dragstart", function (event) {
                dragged = row;
                row.classList.add("catalog-dragging");
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", row.id);
                event.dataTransfer.setDragImage(row, 20, 20);
            });
            handle.addEventListener("dragend", function () {
                row.classList.remove("catalog-dragging");
                dragged = null;
                renumber(tbody);
            });
            row.addEventListener("dragover", function (event) {
                if (!dragged || dragged === row) {
                    return;
                }
                event.preventDefault();
                const box = row.getBoundingClientRect();
                const after = event.clientY > box.top + box.height / 2;
                tbody.insertBefore(dragged, after ? row.nextSibling : row);
            });
            row.addEventListener("drop", function (event) {
                event.preventDefault();
                renumber(tbody);
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        const group = document.getElementById("slides-group");
        if (group) {
            setUp(group);
        }
    });
})();
