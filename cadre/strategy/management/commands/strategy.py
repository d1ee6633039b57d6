from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre strategy KIND …'; 'cadre strategy --help' lists the kinds."
    prefix = "strategy"
