resource "google_workbench_instance" "token_in_metadata" {
  name     = "wb-token-in-metadata"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = {
      notebook-disable-root = "true"
      hf-token              = "unused"
      OPENAI_API_KEY        = "sk-proj-Zx81Qw7Lr2Nv5Ty0Ub3Ic6Od9Pe4Af1Gh8Jk2Lm5"
    }
  }
}

resource "google_workbench_instance" "key_in_startup_script" {
  name     = "wb-key-in-startup-script"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = {
      startup-script = <<-SCRIPT
        #!/bin/bash
        echo 'AKIAIOSFODNN7EXAMPLE' > /home/jupyter/.aws-key
      SCRIPT
    }
  }
}
