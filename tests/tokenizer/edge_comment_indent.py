if x:
    y
  # dedented comment
    z
	
