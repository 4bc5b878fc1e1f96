# A long-lived access key and a private key written into the start-up scripts.
resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "keys_in_script" {
  name = "keys-in-script"
  on_start = base64encode(<<-SCRIPT
    #!/bin/bash
    set -e
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    aws s3 sync s3://ml-training-data /home/ec2-user/SageMaker/data
  SCRIPT
  )
}

resource "aws_sagemaker_studio_lifecycle_config" "token_in_script" {
  studio_lifecycle_config_name     = "token-in-script"
  studio_lifecycle_config_app_type = "JupyterServer"
  studio_lifecycle_config_content = base64encode(<<-SCRIPT
    #!/bin/bash
    cat > /home/sagemaker-user/.ssh/id_rsa <<'KEY'
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEA0000000000000000000000000000000000000000000000000
    -----END RSA PRIVATE KEY-----
    KEY
  SCRIPT
  )
}
