from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre demo KIND …'; 'cadre demo --help' lists the kinds."
    prefix = "demo"
