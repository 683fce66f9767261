"""A script as a GLPI site writes it with the glpi-api client: only GLPI_URL points it at guichet.

It opens a session with a user token, files a ticket, adds a followup, finds its open tickets
by status, solves the ticket and closes the session; it prints what it saw as JSON.
"""
import json
import os
import sys

import glpi_api

URL = os.environ["GLPI_URL"]
APP_TOKEN = os.environ.get("GLPI_APP_TOKEN", "")
USER_TOKEN = os.environ["GLPI_USER_TOKEN"]

seen = {}
with glpi_api.connect(URL, APP_TOKEN, USER_TOKEN) as glpi:
    seen["profile"] = glpi.get_active_profile()["name"]
    added = glpi.add(
        "Ticket",
        {
            "name": "Imprimante du 2e étage en panne",
            "content": "L'imprimante HP du 2e étage affiche « Bourrage papier » en permanence.",
            "type": 1,
            "urgency": 4,
            "impact": 3,
        },
    )
    ticket_id = added[0]["id"]
    seen["ticket"] = ticket_id
    glpi.add(
        "ITILFollowup",
        {"itemtype": "Ticket", "items_id": ticket_id, "content": "Le technicien passe à 14 h."},
    )
    seen["followups"] = [f["content"] for f in glpi.get_sub_items("Ticket", ticket_id, "ITILFollowup")]
    found = glpi.search(
        "Ticket",
        criteria=[
            {"field": "status", "searchtype": "equals", "value": "notold"},
            {"link": "AND", "field": 2, "searchtype": "equals", "value": ticket_id},
        ],
        forcedisplay=[2, 12, 10],
    )
    seen["found"] = found
    glpi.add_sub_items(
        "Ticket", ticket_id, "ITILSolution", {"content": "Rouleau d'entraînement remplacé."}
    )
    ticket = glpi.get_item("Ticket", ticket_id, expand_dropdowns=True)
    seen["status"] = ticket["status"]
    seen["solvedate"] = ticket["solvedate"]
    seen["solutions"] = [s["content"] for s in glpi.get_sub_items("Ticket", ticket_id, "ITILSolution")]
    try:
        glpi.update("Ticket", {"id": ticket_id, "status": 1})
    except glpi_api.GLPIError as error:
        seen["refused"] = str(error)

json.dump(seen, sys.stdout, ensure_ascii=False)
