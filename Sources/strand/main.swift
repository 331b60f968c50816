import StrandWeb
print("strand")
