x = 1  	  # comment with trailing spaces   

	
  
# end
